export * from './types.js';
export * from './positions.js';
export { boundedMemo } from './memo.js';
export * from './registry.js';
export { normalizeName, isRealIsoDate } from './model/text.js';
export * from './model/build.js';
export * from './engine/index.js';
export { createLinker, diskLinkHost, MAX_LINKED_BYTES, type CachingLinker, type CreateLinkerOptions, type LinkHost } from './link/linker.js';
export { assetRoot, assetUrl, setAssetRoot, usePrecompiledValidators, runtimeCompileCount, type PrecompiledValidator } from './assets.js';
