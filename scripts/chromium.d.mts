// Types of chromium.mjs, for playwright.config.ts and the e2e helpers that import it.
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
