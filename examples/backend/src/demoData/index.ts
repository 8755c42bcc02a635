/** Demo delivery history for the example backend. */
export { doraModuleDemoData as default } from './demoDataModule';
export { DemoDataProvider, startOfUtcHour } from './demoDataModule';
export type { DemoDataProviderOptions } from './demoDataModule';
export { generateDemoEvents } from './generateDemoEvents';
export type { GenerateDemoEventsOptions } from './generateDemoEvents';
export type { DemoEvent } from './demoEvents';
export { serviceProfiles } from './profiles';
export type { ServiceProfile } from './profiles';
