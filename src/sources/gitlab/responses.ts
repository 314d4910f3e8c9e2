import { z } from 'zod';

/**
 * The parts of GitLab's answers this source reads (GitLab REST API v4 field names). Unknown fields
 * are ignored: GitLab adds fields between versions.
 */
export const ProjectResponse = z.object({
  id: z.number().int(),
  path_with_namespace: z.string().min(1),
  web_url: z.string().min(1),
  // null for a project whose repository is empty.
  default_branch: z.string().nullish(),
  last_activity_at: z.string().nullish(),
  visibility: z.string().nullish(),
  archived: z.boolean().optional(),
  // True while the repository has no commit (its default_branch may still be set).
  empty_repo: z.boolean().optional(),
  namespace: z.object({ full_path: z.string().min(1) }),
});

export const BranchResponse = z.object({
  commit: z.object({ id: z.string().min(1) }),
});

export const TreeEntryResponse = z.object({
  path: z.string().min(1),
  type: z.string(),
});

export const TagResponse = z.object({
  name: z.string().min(1),
});
