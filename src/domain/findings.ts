/** A problem with one item (a malformed tag, a YAML file, a dangling relation): reported, never fatal. */
export interface Finding {
  source: string;
  scope?: string;
  /** What it is about, e.g. `awsResource arn:aws:s3:::bucket` or `blueprints/service.json`. */
  subject?: string;
  message: string;
  /**
   * `integrity`: the estate disagrees with itself (two tags name different teams for one service).
   * Reported in every run until fixed upstream, it does not make the run partial. Anything else is
   * an item that was skipped or written without a bad value.
   */
  kind?: 'integrity';
}
