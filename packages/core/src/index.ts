export * from './types.js';
export * from './positions.js';
export { boundedMemo } from './memo.js';
export * from './registry.js';
export * from './profile.js';
export { normalizeName, isRealIsoDate } from './model/text.js';
export * from './model/build.js';
export * from './engine/index.js';
export { assetRoot, assetUrl, setAssetRoot, usePrecompiledValidators, runtimeCompileCount, type PrecompiledValidator } from './assets.js';
