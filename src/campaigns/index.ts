/** Campaigns: attempts and campaigns across organisations from scanned mail, with evidence and attribution. */
export type * from './types.js';
export { CAMPAIGN_LIMITS } from './limits.js';
export { LINK_TYPES, JOIN_THRESHOLD, type LinkTypeSpec } from './link-types.js';
export { Commodity, type CommodityExtra } from './commodity.js';
export { extractFacts, SELF_SENDER } from './facts.js';
export { groupAttempts, attemptKey } from './attempts.js';
export { clusterAttempts } from './cluster.js';
export { clusterMessages } from './clustering.js';
export { updateCampaigns, updateCampaignsWith, rebuildCampaigns, applyFacts, computeFacts, loadCommodityFile, commodityExtra, type UpdateOptions, type UpdateResult, type ScannedMessage } from './update.js';
export { writeFacts, type MergeRecord, type FactsRow } from './store/repo.js';
export { snapshotCampaigns, campaignsOfMessage } from './store/repo.js';
export { attribute, weakestJoin, DEFAULT_INDICATOR_CONFIDENCE, type IntelMatcherLike, type IntelMatchLike } from './attribution.js';
export { campaignView, listCampaigns, listCampaignPage, type ViewOptions, type PageOptions, type SharingTlp } from './view.js';
export { summarise } from './summary.js';
