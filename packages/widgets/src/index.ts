/**
 * `@volunteerkit/widgets`: every widget, registered on import.
 *
 * ```ts
 * import '@volunteerkit/widgets';                                  // all tags
 * import '@volunteerkit/widgets/define/vk-opportunity-list.js';    // or one tag
 * import { VkOpportunityList, configure } from '@volunteerkit/widgets';
 * ```
 *
 * Class modules never register themselves; the `define/` modules do (and are the package's only
 * side effects), through a guard that warns instead of throwing when a tag is already defined.
 *
 * @module
 */
import './define/vk-provider.js';
import './define/vk-opportunity-list.js';
import './define/vk-honor-board.js';
import './define/vk-signup-form.js';
import './define/vk-checkin.js';
import './define/vk-my-hours.js';
import './define/vk-checkin-code.js';
import './define/vk-roster.js';
import './define/vk-rewards.js';
import './define/vk-certificate.js';
import './define/vk-verify.js';
import './define/vk-needs-board.js';
import './define/vk-need-form.js';
import './define/vk-impact-stats.js';
import './define/vk-my-claims.js';
import './define/vk-need-confirm.js';

export { VkProvider } from './provider/provider.js';
export { VkOpportunityList } from './opportunity-list/opportunity-list.js';
export type { OpportunityListLayout, OpportunityListSignup, OpportunityListFilter } from './opportunity-list/opportunity-list.js';
export { VkHonorBoard } from './honor-board/honor-board.js';
export type { HonorBoardLayout } from './honor-board/honor-board.js';
export { VkSignupForm } from './signup-form/vk-signup-form.js';
export { VkCheckin } from './checkin/vk-checkin.js';
export { VkMyHours } from './my-hours/vk-my-hours.js';
export { VkCheckinCode } from './checkin-code/checkin-code.js';
export { VkRoster } from './roster/roster.js';
export { VkRewards } from './rewards/vk-rewards.js';
export { VkCertificate } from './certificate/certificate.js';
export { VkVerify } from './verify/verify.js';
export { VkNeedsBoard } from './needs-board/needs-board.js';
export { VkNeedForm } from './need-form/need-form.js';
export { VkImpactStats } from './impact-stats/impact-stats.js';
export { VkMyClaims } from './my-claims/vk-my-claims.js';
export { VkNeedConfirm } from './need-confirm/need-confirm.js';

export { VkElement } from './shared/vk-element.js';
export { configure, getGlobalConfig, resetGlobalConfig, configContext, ConfigController } from './shared/config.js';
export type { WidgetConfig, WidgetTheme, VkLocale } from './shared/config.js';
export { defineElement } from './shared/define.js';
export { VkLoadEvent, VkErrorEvent, VkOpportunitySelectEvent, VkSignupSubmitEvent, VkSignupSuccessEvent, VkSignupErrorEvent, VkSignupCancelEvent, VkCheckinEvent, VkCheckinCodeEvent, VkRedeemEvent, VkCertificateEvent, VkVerifyEvent, VkNeedClaimEvent, VkNeedCreateEvent, VkNeedStepEvent, VkRecommendationDismissEvent, VkSessionExpiredEvent } from './shared/events.js';
export type { VkLoadDetail, VkErrorDetail, VkOpportunitySelectDetail, VkSignupSubmitDetail, VkSignupSuccessDetail, VkSignupErrorDetail, VkSignupCancelDetail, VkCheckinDetail, VkCheckinCodeDetail, VkRedeemDetail, VkCertificateDetail, VkVerifyDetail, VkNeedClaimDetail, VkNeedCreateDetail, VkNeedStepDetail, VkRecommendationDismissDetail, VkSessionExpiredDetail } from './shared/events.js';
export { VERSION as version } from './shared/version.js';
