export { MoversSection } from './MoversSection';
export { CatalogMovers } from './CatalogMovers';
