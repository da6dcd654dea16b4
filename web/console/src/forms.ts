import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, describeError, fieldErrors } from '../../shared/api';

/**
 * The console's half of the field-error convention (web/shared/api.ts fieldErrors): a VALIDATION_FAILED answer's
 * issues go on the form's own fields (Form.setFields), named by the API path or, where the form names a field
 * differently, through `fieldOf` (API path → form field); the toast then says only "check the marked fields".
 * Anything else (a conflict, a lost connection) is the toast's whole story.
 */
export function showFormError(
  form: FormInstance,
  error: unknown,
  message: MessageInstance,
  fieldOf: Record<string, string> = {},
): void {
  const registered = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name]));
  const formField = (path: string) => fieldOf[path] ?? path;
  const paths = [...Object.keys(fieldOf), ...registered.keys()];
  const errors = Object.entries(fieldErrors(error, paths)).filter(([path]) => registered.has(formField(path)));
  if (errors.length > 0 && error instanceof ApiError) {
    form.setFields(errors.map(([path, message]) => ({ name: registered.get(formField(path))!, errors: [message] })));
    void message.error(error.message);
  } else {
    void message.error(describeError(error));
  }
}
