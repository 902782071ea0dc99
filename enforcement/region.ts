/** Shop location → province and city: the one resolver is domain/region.resolver.ts (shared with the GI origin check). */
export { UNKNOWN_REGION, provinceAndCity as resolveRegion } from '../domain/region.resolver.js';
