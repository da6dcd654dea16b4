import { Select, type SelectProps } from 'antd';

/**
 * A Select for a required Form.Item. The item hands its control `aria-required`, and antd's Select puts that
 * on its outer box, which has no role and so may not carry it (axe: aria-allowed-attr); the label's mark and
 * the item's own message say the field is required.
 */
export function FormSelect(props: SelectProps & { 'aria-required'?: boolean | 'true' | 'false' }) {
  const { 'aria-required': _required, ...select } = props;
  return <Select {...select} />;
}
