import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgRef } from './api';
import { useOrgSearch, type OrgKind } from './features/orgs/queries';

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
  kind?: OrgKind;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // A failed search offers nothing to pick rather than a stale list.
  const search = useOrgSearch(q, kind);
  const options = search.error ? [] : (search.data ?? []);
  const merged =
    value && !options.some((o) => o.id === value.id) ? [{ id: value.id, name: value.name }, ...options] : options;
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
