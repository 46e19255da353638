/**
 * The money trail: trace stolen or ransomed bitcoin through the chain index under explicit taint models, tag
 * addresses (intel and manual, extended to clusters), convert to fiat at the day's price, and watch addresses
 * and outputs for movements, raising alerts when tainted funds reach an exchange. Other domains import only
 * from here.
 */
export { TRACE_LIMITS } from './limits.js';
export { MODELS, fifo, haircut, poison, isTraceModel, proportional, type TaintModel, type Tainted } from './models.js';
export { traceFunds, resolveSources, parseUntil, type TraceOptions, type ResolvedSources } from './trace.js';
export { formatTraceText, formatTraceDot } from './format.js';
export {
  addTag, removeTags, listManualTags, directTags, canonicalAddress, normaliseCategory, exchangeName, TagBook, type ManualTag, type ManualTagInput,
} from './tags.js';
export { syncInterest, type InterestSync } from './interest.js';
export { syncMailWatches, type MailWatchSync } from './mail-watches.js';
export { importPrices, importPriceText, parsePriceCsv, priceStatus, PriceBook, PRICE_LIMITS, type PriceImportReport, type PriceStatus } from './prices.js';
export {
  addWatch, removeWatch, listWatches, getWatch, listAlerts, checkWatches, satsToBtc,
  type Watch, type WatchInput, type WatchKind, type Alert, type AlertKind, type CheckReport,
} from './watches.js';
export { buildLaunderingScenario, type LaunderingOptions, type LaunderingScenario, type ScenarioExchange } from './scenario.js';
export { listExchanges, type ExchangeView } from './exchanges.js';
export type * from './types.js';
