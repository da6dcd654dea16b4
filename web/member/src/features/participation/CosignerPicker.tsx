import { Checkbox, List, SearchBar, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCosignerCandidates } from './proposals.queries';

export interface PickedCosigner {
  id: string;
  name: string;
}

/**
 * 附议代表: the congress's other representatives, searched by name a moment after the typing stops, ticked to be
 * named; those picked stay listed above the search (a tap on one removes it).
 */
export function CosignerPicker({
  congressId,
  value,
  onChange,
}: {
  congressId: string | undefined;
  value: PickedCosigner[];
  onChange(value: PickedCosigner[]): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const candidates = useCosignerCandidates(congressId, settled);
  const picked = new Set(value.map((c) => c.id));
  const toggle = (c: PickedCosigner) =>
    onChange(picked.has(c.id) ? value.filter((x) => x.id !== c.id) : [...value, { id: c.id, name: c.name }]);

  return (
    <div data-testid="cosigner-picker">
      {value.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 8 }} data-testid="cosigners-picked">
          {value.map((c) => (
            <button
              key={c.id}
              type="button"
              className="su-tap"
              style={{ border: 0, background: 'none', padding: 0 }}
              onClick={() => toggle(c)}
              aria-label={t('proposals.removeCosigner', { name: c.name })}
            >
              <Tag color="primary" fill="outline">
                {c.name} ✕
              </Tag>
            </button>
          ))}
        </div>
      )}
      <SearchBar
        aria-label={t('proposals.cosignerSearch')}
        placeholder={t('proposals.cosignerSearch')}
        value={q}
        onChange={setQ}
        // antd-mobile's clear icon is a div with an aria-label and no role (axe: aria-prohibited-attr).
        clearable={false}
        data-testid="cosigner-search"
      />
      {candidates.error ? (
        <div className="su-field-error" role="alert">
          {t('proposals.candidatesFailed')}
        </div>
      ) : (
        candidates.data && (
          <List style={{ marginTop: 4, maxHeight: 280, overflowY: 'auto' }}>
            {candidates.data.length === 0 && <List.Item>{t('proposals.noCandidates')}</List.Item>}
            {candidates.data.map((c) => (
              <List.Item
                key={c.id}
                arrowIcon={false}
                description={[c.delegation, c.org.name].filter(Boolean).join(' · ')}
                data-testid="cosigner-option"
              >
                <Checkbox checked={picked.has(c.id)} onChange={() => toggle(c)}>
                  {c.name}
                </Checkbox>
              </List.Item>
            ))}
          </List>
        )
      )}
    </div>
  );
}
