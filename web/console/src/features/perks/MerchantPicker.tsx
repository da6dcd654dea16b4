import { Select } from 'antd';
import { useMerchantOptions } from './queries';

export type { MerchantRow } from './queries';

/** Chooses one of the shops registered in the caller's subtree. `id` comes from a Form.Item: its label points at it. */
export function MerchantPicker({
  id,
  value,
  onChange,
  allowClear,
}: {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  allowClear?: boolean;
}) {
  const merchants = useMerchantOptions();
  const options = merchants.error ? [] : (merchants.data ?? []);
  return (
    <Select
      id={id}
      showSearch
      allowClear={allowClear}
      value={value}
      onChange={(id: string | undefined) => onChange?.(id)}
      optionFilterProp="label"
      data-testid="merchant-picker"
      options={options.map((m) => ({ value: m.id, label: `${m.name}${m.address ? ` · ${m.address}` : ''}` }))}
    />
  );
}
