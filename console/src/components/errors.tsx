/**
 * Failures in words: a gateway error becomes a sentence the user understands (a 409 race "already
 * dispensed", a 422 rule by its id), and a 400's field details land on the form fields they name.
 */
import { Alert, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../api/client';
import { bodyFieldOf, messageOf, namePathOf } from './messages';

export { messageOf } from './messages';

/**
 * Puts a 400's field messages onto the form's fields; fields the form does not show (or other
 * failures) stay for the alert. `map` renames API fields (without the gateway's "body.") to the
 * form's where they differ.
 */
export function showFieldErrors(form: FormInstance, err: unknown, map: (field: string) => string = (f) => f): boolean {
  if (!(err instanceof ApiFailure) || err.status !== 400 || !err.fields.length) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = err.fields
    .map((d) => ({ name: namePathOf(map(bodyFieldOf(d.field))), errors: [d.message] }))
    .filter((f) => known.has(String(f.name[0])));
  form.setFields(fields);
  return fields.length > 0;
}

export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = error instanceof ApiFailure ? error.fields : [];
  return (
    <Alert
      role="alert"
      data-testid="error"
      type={error instanceof ApiFailure && error.status === 409 ? 'warning' : 'error'}
      showIcon
      closable={!!onClose}
      onClose={onClose}
      message={messageOf(error, t)}
      description={fields.length ? <ul style={{ margin: 0 }}>{fields.map((f) => <li key={f.field}><code>{f.field}</code>: {f.message}</li>)}</ul> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
