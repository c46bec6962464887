/**
 * React 19 JSX typings for the VolunteerKit tags. React 19 passes custom-element props through:
 * a prop the element has as a property (`limit`, `session`) is set as that property, any other
 * (`base-url`) as an attribute, and `on<event-name>` listens to that event (`onvk-load`).
 *
 * ```tsx
 * import '@volunteerkit/widgets';                 // registers the tags
 * import type {} from '@volunteerkit/widgets/react';
 *
 * <vk-opportunity-list publishable-key="pk_live_…" base-url="https://api…" layout="list"
 *   filters="search category" onvk-opportunity-select={(e) => console.log(e.detail.opportunity)} />
 * ```
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  VkErrorEvent,
  VkHonorBoard,
  VkLoadEvent,
  VkOpportunityList,
  VkOpportunitySelectEvent,
  VkProvider,
  VkSignupErrorEvent,
  VkSignupForm,
  VkSignupSubmitEvent,
  VkSignupSuccessEvent,
} from './dist/index.js';

type LocaleValue = 'zh-CN' | 'zh-TW' | 'en' | (string & {});
type ThemeValue = 'light' | 'dark' | 'auto';

/** The configuration attributes every widget and `<vk-provider>` take. */
interface ConfigAttributes {
  'base-url'?: string;
  'publishable-key'?: string;
  locale?: LocaleValue;
  theme?: ThemeValue;
  'large-text'?: boolean;
}

type ElementProps<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & ConfigAttributes & { class?: string };

export interface VkProviderProps extends ElementProps<VkProvider> {}

export interface VkOpportunityListProps extends ElementProps<VkOpportunityList> {
  category?: 'community' | 'elderly' | 'children' | 'education' | 'environment' | 'health' | 'emergency' | 'culture' | 'sports_events' | 'civic';
  region?: string;
  org?: string;
  query?: string;
  date?: string;
  limit?: number;
  layout?: 'cards' | 'list' | 'compact';
  /** Space-separated: `search category region date`. */
  filters?: string;
  'region-options'?: string;
  signup?: 'dialog' | 'link' | 'none';
  'detail-url'?: string;
  'heading-level'?: number;
  'onvk-opportunity-select'?: (event: VkOpportunitySelectEvent) => void;
  'onvk-load'?: (event: VkLoadEvent) => void;
  'onvk-error'?: (event: VkErrorEvent) => void;
}

export interface VkHonorBoardProps extends ElementProps<VkHonorBoard> {
  scope?: string;
  period?: 'week' | 'month' | 'year' | 'all';
  metric?: 'hours' | 'points';
  subject?: 'volunteer' | 'organization';
  limit?: number;
  layout?: 'table' | 'podium' | 'ticker';
  featured?: number;
  refresh?: number;
  controls?: string;
  'heading-level'?: number;
  'onvk-load'?: (event: VkLoadEvent) => void;
  'onvk-error'?: (event: VkErrorEvent) => void;
}

export interface VkSignupFormProps extends ElementProps<VkSignupForm> {
  opportunity?: string;
  shift?: string;
  mode?: 'inline' | 'dialog';
  /** A volunteer session token (`vst_…`), set as a property, never an attribute. */
  session?: string;
  'onvk-signup-submit'?: (event: VkSignupSubmitEvent) => void;
  'onvk-signup-success'?: (event: VkSignupSuccessEvent) => void;
  'onvk-signup-error'?: (event: VkSignupErrorEvent) => void;
  'onvk-error'?: (event: VkErrorEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'vk-provider': VkProviderProps;
      'vk-opportunity-list': VkOpportunityListProps;
      'vk-honor-board': VkHonorBoardProps;
      'vk-signup-form': VkSignupFormProps;
    }
  }
}
