export { CATEGORIES, CATEGORY_LABELS, type Category, type Article, type ArticleForm, slugify, renderMarkdown } from './model';
export { articlesForProcedure, importArticle, type ArticlesDeps } from './service';
export { articleRoutes } from './routes';
