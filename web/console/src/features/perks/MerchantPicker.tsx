import { Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Page } from '../../../../shared/api';
import { api, type OrgRef } from '../../api';

export interface MerchantRow {
  id: string;
  name: string;
  address: string | null;
  org: OrgRef;
  cashiers: number;
  breakfastProgramme: OrgRef | null;
}

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
  const [options, setOptions] = useState<MerchantRow[]>([]);
  useEffect(() => {
    api.get<Page<MerchantRow>>('/api/v1/merchants?limit=100').then(
      (p) => setOptions(p.items),
      () => setOptions([]),
    );
  }, []);
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
