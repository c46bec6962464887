/** How every VolunteerKit event travels: it bubbles and crosses shadow roots. @module */
export const crossesShadowRoots = { bubbles: true, composed: true } as const;
