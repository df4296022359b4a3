import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { ht } from './ht';
import { ko } from './ko';
import { pt } from './pt';
import { CatalogResource } from './resource';
import { ru } from './ru';
import { so } from './so';
import { tl } from './tl';
import { vi } from './vi';
import { zhHans } from './zh-Hans';
import { zhHant } from './zh-Hant';

export type { CatalogResource } from './resource';

/** Every language of the catalog, English (the source) first. */
export const CATALOG_RESOURCES: readonly CatalogResource[] = [en, es, vi, zhHans, zhHant, ar, so, ht, pt, ru, ko, tl, fr];
