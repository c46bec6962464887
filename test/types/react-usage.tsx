// How a React 19 app uses the widgets, checked against the real @types/react by
// test/contract/typings.test.ts. Each `@ts-expect-error` is a mistake the typings must catch: if
// one compiles, tsc reports the unused directive and the test fails.
import type {} from '@volunteerkit/widgets/react';
import type { VkLoadEvent, VkOpportunitySelectEvent, VkSignupSuccessEvent } from '@volunteerkit/widgets';

export function NewsSidebar({ token }: { token: string }) {
  const onSelect = (event: VkOpportunitySelectEvent) => console.log(event.detail.opportunity.title);
  const onLoad = (event: VkLoadEvent) => console.log(event.detail);
  const onSuccess = (event: VkSignupSuccessEvent) => console.log(event.detail.signup.reference);
  return (
    <vk-provider base-url="https://api.volunteer.example.gov.cn" publishable-key="pk_live_x" locale="zh-CN" theme="auto">
      <vk-opportunity-list category="elderly" layout="list" filters="search category" limit={5} signup="dialog"
        large-text onvk-opportunity-select={onSelect} onvk-load={onLoad} class="sidebar" />
      <vk-honor-board layout="podium" period="month" metric="hours" featured={1} refresh={300} />
      <vk-signup-form opportunity="opp_7Hq2xK9p" mode="inline" session={token} onvk-signup-success={onSuccess} />
    </vk-provider>
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error: not a layout of the list */}
      <vk-opportunity-list layout="grid" />
      {/* @ts-expect-error: not a category of the contract */}
      <vk-opportunity-list category="pets" />
      {/* @ts-expect-error: limit is a number */}
      <vk-honor-board limit={{ top: 10 }} />
      {/* @ts-expect-error: the board has no `opportunity` */}
      <vk-honor-board opportunity="opp_7Hq2xK9p" />
      {/* @ts-expect-error: a load listener does not receive a select event */}
      <vk-opportunity-list onvk-load={(event: VkOpportunitySelectEvent) => event.detail.opportunity} />
      {/* @ts-expect-error: not a tag of ours */}
      <vk-impact-board />
    </>
  );
}
