import { Button, List, SearchBar } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnionSearch } from '../membership/queries';
import './words';

/**
 * 勤工俭学's employing unit: members cannot browse the org tree, so they find the unit in the public directory of
 * grassroots unions (the same list the join form searches) by a part of its name; the server checks that it lies
 * under the programme's organisation (400 `details.employerOrgId` otherwise, shown under the field).
 */
export function EmployerPicker({
  value,
  name,
  label,
  onPick,
}: {
  value: string;
  name: string;
  label: string;
  onPick(id: string, name: string): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [searching, setSearching] = useState(!value);
  const { data } = useUnionSearch(searching ? q : '');
  if (value && !searching)
    return (
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <span data-testid="employer-picked">{name || value}</span>
        <Button size="small" className="su-tap" onClick={() => setSearching(true)} data-testid="employer-change">
          {t('programmes.change')}
        </Button>
      </div>
    );
  return (
    <div data-testid="employer-picker">
      <SearchBar
        aria-label={label}
        placeholder={t('programmes.employerSearch')}
        value={q}
        onChange={setQ}
        data-testid="employer-search"
      />
      {q.trim() !== '' && data && (
        <List style={{ marginTop: 4 }}>
          {data.length === 0 && <List.Item>{t('programmes.employerNone', { q })}</List.Item>}
          {data.map((u) => (
            <List.Item
              key={u.id}
              arrowIcon={false}
              onClick={() => {
                onPick(u.id, u.name);
                setSearching(false);
                setQ('');
              }}
              data-testid="employer-option"
            >
              {u.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
