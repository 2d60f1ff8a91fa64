export * from './model';
export { appendixReport, unitChoices, NoCatalogueData, type ReportDeps, type AppendixQuery } from './service';
export { appendixWorkbook } from './excel';
export { appendixPdf } from './pdf';
export { reportRoutes } from './routes';
