import { isIP } from 'node:net';
import { Matches, ValidateBy } from 'class-validator';

export const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

export const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;
export const hostList = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** Comma-separated host names or IP addresses (IPv6 with or without brackets): no scheme, port or path. */
export function IsHostList() {
  return ValidateBy({
    name: 'isHostList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && hostList(value).every((entry) => HOST_NAME.test(entry) || isIP(entry.replace(/^\[(.*)\]$/, '$1')) !== 0),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be comma-separated host names or IP addresses, without scheme, port or path`,
    },
  });
}

export const ORIGIN = String.raw`https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?`;
export const ORIGIN_LIST = new RegExp(`^\\s*${ORIGIN}\\s*(?:,\\s*${ORIGIN}\\s*)*$`);

export const LOCAL_DATABASE_URL = 'postgres://porchlight_app:porchlight_app@127.0.0.1:5432/porchlight';
export const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/porchlight';

export const SECRETS_KEY_FORM = /^[A-Za-z0-9+/=_-]{32,}$/;
export const IsSecretsKey = (name: string) =>
  Matches(SECRETS_KEY_FORM, { message: `${name} must be at least 32 characters of base64 or hex (e.g. \`openssl rand -base64 32\`)` });
