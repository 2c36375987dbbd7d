/** The number formats gridcell writes into Excel, from a formula or from the taskpane alike. */

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const DATE_FORMAT = 'yyyy-mm-dd';
/** At least two decimals, up to six (a price to the hundredth, a rate or a component to the millionth). */
export const PRICE_FORMAT = '#,##0.00####';
export const COUNT_FORMAT = '#,##0';
