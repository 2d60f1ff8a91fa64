// Dossier statistics and the QĐ 766 indicators: typed figures for pages, exports and charts.
export * from './model';
export {
  resolveQuery,
  statistics,
  statisticsOf,
  indicators,
  indicatorsOf,
  processingOf,
  ratesByUnit,
  drillDown,
  publicStatistics,
  queryParams,
  PAGE_SIZE,
  type StatisticsDeps,
  type ReportInput,
  type ReportQuery,
  type ReportUnit,
  type Statistics,
  type Indicators,
  type UnitRates,
  type UnitLate,
  type DrillDown,
  type DrillInput,
  type PublicStatistics,
} from './service';
export { statisticsTable, indicatorsTable, workbook, csv, type ExportTable } from './excel';
export { statisticsRoutes, statisticsJson, indicatorsJson } from './routes';
export { monthlySeries, monthsOf, progressByUnit, type MonthFigures, type UnitProgress } from './series';
export { dashboard, dashboardFrom, periodInput, DASHBOARD_PATH, type Dashboard } from './dashboard';
export { STATISTICS_PATH, INDICATORS_PATH, DRILL_PATH, PUBLIC_PATH, RUN_PATH } from './pages';
export {
  defineReportQueues,
  startReportWorker,
  runReport,
  askStatistics,
  askIndicators,
  askDashboard,
  REPORT_QUEUE,
  type DashboardFigures,
  type RunInfo,
  type LongReport,
  type ReportKind,
} from './jobs';
