export * from './entitiesByAnnotation';
