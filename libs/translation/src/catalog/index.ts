export * from './template-catalog';
export * from './templates';
export * from './format';
export { CATALOG_RESOURCES } from './locales';
export type { CatalogResource } from './locales';
export * from './catalog-translations';
export * from './urgent-line';
