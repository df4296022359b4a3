import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'porchlight:public';

/** A route that needs no staff token (login, platform calls with their own token, webhooks, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
