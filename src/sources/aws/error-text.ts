/** `Name: message`, as scope results and the report show an AWS error; AWS error messages carry no secrets. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message && error.message !== error.name ? `${error.name}: ${error.message}` : error.name;
}
