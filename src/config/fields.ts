import { matching, scalar } from './values.js';

/**
 * Field schemas shared by the core rows and the rows each source declares. A row's default is
 * applied by the loader, so these schemas take the value as a user would write it.
 */

// Written into entity properties and the User-Agent, so it stays short and identifier-safe.
export const SYNC_INSTANCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
// IAM role names may sit under a path, and the name itself is at most 64 characters.
const ROLE_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
// AssumeRole's own constraint on ExternalId.
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const RESOURCE_TYPE = /^[a-z0-9-]+(:[A-Za-z0-9][A-Za-z0-9/_-]*)?$/;
// AWS caps tag keys at 128 characters; anything longer can never match a resource.
const TAG_KEY = /^[^,]{1,128}$/;

export const syncInstance = matching(
  SYNC_INSTANCE_PATTERN,
  'an instance name (lower-case letters, digits, ".", "_", "-"; at most 63 characters)',
);
export const region = matching(REGION, 'a region name');
export const roleArn = matching(ROLE_ARN, 'an IAM role ARN (arn:aws:iam::123456789012:role/name)');
export const roleName = matching(ROLE_NAME, 'an IAM role name');
export const accountId = matching(ACCOUNT_ID, 'a 12-digit AWS account id');
export const resourceType = matching(RESOURCE_TYPE, 'a resource type filter (service or service:type, e.g. ec2:instance)');
export const tagKey = matching(TAG_KEY, 'a tag key (1 to 128 characters, no comma)');
// Never quoted in a problem: the value is not a secret, but it is not for logs either.
export const externalId = scalar.refine((value) => EXTERNAL_ID.test(value), {
  error: '2 to 1224 characters of letters, digits and +=,.@:/- are allowed',
});
