/**
 * What AWS answers in an opt-in region the account has not enabled: the credentials are unknown
 * there (JSON services: UnrecognizedClientException; Query services: InvalidClientTokenId), or the
 * service says so outright. Each of these can also mean bad credentials, so a caller confirms it
 * with another region of the same account before treating the region as empty.
 */
const NOT_ENABLED_CODES: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'OptInRequired',
  'RegionDisabledException',
]);

export function looksRegionNotEnabled(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return NOT_ENABLED_CODES.has(error.name) || /\bnot (been )?enabled\b/i.test(error.message);
}
