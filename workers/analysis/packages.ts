/** The packages of workers/runner/py that the analysis worker hosts (the browser glob lists the same). */
export const ANALYSIS_PACKAGES = ['security', 'security_fixes', 'keras_lite', 'repair'] as const;
