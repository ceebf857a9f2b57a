/**
 * Failures in words: a gateway error becomes a sentence the user understands (a 409 race "already
 * dispensed", a 422 rule by its id), and a 400's field names become form name paths.
 */
import type { TFunction } from 'i18next';
import { ApiFailure } from '../api/client';

/** The gateway names a request body's fields "body.x" (the chaincode "x"): the form's field is "x". */
export const bodyFieldOf = (field: string): string => field.replace(/^body\./, '');

/** "items[0].quantity" → ['items', 0, 'quantity'], the antd form name path of that field. */
export function namePathOf(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** One sentence for a failure, in the user's language. */
export function messageOf(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiFailure)) return t('errors.unexpected');
  if (err.status === 0) return t('errors.network');
  if (err.status === 400) return err.fields.length ? t('errors.fields', { count: err.fields.length }) : t('errors.invalid', { message: err.message });
  if (err.status === 401) return t('errors.unauthenticated');
  if (err.status === 403) return t('errors.forbidden');
  if (err.status === 404) return t('errors.notFound');
  if (err.status === 409) {
    if (/fully dispensed|exceeds the \d+ remaining/.test(err.message)) return t('errors.alreadyDispensed');
    if (/revoked/.test(err.message)) return t('errors.revoked');
    if (/already exists|already (claimed|used)|once/.test(err.message)) return t('errors.duplicate');
    return t('errors.conflict');
  }
  if (err.status === 422) {
    const rule = err.ruleId;
    const known = rule && t(`rules.${rule}`, { defaultValue: '' });
    return known ? `${known} (${rule})` : t('errors.rule', { message: err.message });
  }
  if (err.status === 429) return t('errors.rateLimited', { seconds: err.retryAfterSeconds ?? 60 });
  if (err.status >= 500) return t('errors.unavailable');
  return err.message;
}
