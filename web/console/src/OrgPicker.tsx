import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query, type Page } from '../../shared/api';
import { api, type Org, type OrgRef } from './api';

/** Chooses an org inside the caller's subtree by searching its name. */
export function OrgPicker({
  id,
  value,
  onChange,
  kind,
  style,
}: {
  /** From a Form.Item, whose label points at it. */
  id?: string;
  /** Optional so that a Form.Item can supply both. */
  value?: OrgRef | null;
  onChange?(org: OrgRef | null): void;
  kind?: string;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Org[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      api.get<Page<Org>>(`/api/v1/orgs${query({ q, kind, limit: 30 })}`).then(
        (p) => setOptions(p.items),
        () => setOptions([]),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [q, kind]);
  const merged = value && !options.some((o) => o.id === value.id) ? [{ id: value.id, name: value.name }, ...options] : options;
  return (
    <Select
      id={id}
      showSearch
      allowClear
      style={{ minWidth: 260, ...style }}
      value={value?.id}
      filterOption={false}
      onSearch={setQ}
      onChange={(id: string | undefined) => {
        const o = merged.find((x) => x.id === id);
        onChange?.(o ? { id: o.id, name: o.name } : null);
      }}
      options={merged.map((o) => ({ value: o.id, label: o.name }))}
      aria-label={id ? undefined : t('a11y.orgPicker')}
      data-testid="org-picker"
    />
  );
}
