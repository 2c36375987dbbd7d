/**
 * The one client of the gridcell API in the browser, shared by the custom functions and the
 * taskpane. It speaks only the contract: nothing here knows Excel's errors or the taskpane's page.
 */
export * from './api';
export * from './api-error';
export * from './backend';
export * from './backend-url';
export * from './batcher';
export * from './excel-dates';
export * from './excel-formats';
export * from './http';
