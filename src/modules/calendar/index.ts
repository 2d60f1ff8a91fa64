export * from './model';
export { loadCalendar, dueDate, daysOff, type CalendarDeps, type LoadedCalendar } from './service';
export { calendarRoutes, isoVietnam, parseMoment } from './routes';
