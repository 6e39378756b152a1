export * from './organisations';
export * from './users';
export * from './persons';
export * from './audit';
export * from './mail';
export * from './counters';
export * from './notifications';
export * from './interventions';
