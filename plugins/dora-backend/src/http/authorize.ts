import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';

/**
 * How a route checks a request: its credentials, then the permission; it
 * answers the credentials or throws (401 without, 403 when denied). The
 * router makes one; each group of routes takes it.
 */
export type Authorize = (
  req: Request,
  permission: BasicPermission,
) => Promise<BackstageCredentials>;
