/**
 * The elements of a widget's shadow root that are animated now: to check a placeholder pulses as
 * one block (the shared skeleton styles), not each of its bars.
 */
export function animatedElements(root: ShadowRoot): (Element | null)[] {
  return root.getAnimations().map((animation) => (animation.effect as KeyframeEffect).target);
}
