import { App as AntApp, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { describeError } from '../../../../shared/api';
import { regionLabel, useRegions } from '../../../../shared/regions';
import { QueryError } from '../../QueryError';
import { ActionModal } from './ActionModal';
import { day, levelColour, statusColour, when, yuan } from './format';
import { householdSections } from './householdSections';
import { HouseholdPhotos } from './HouseholdPhotos';
import { readContact, useHousehold, type Contact, type HardshipAction } from './queries';

/** The order of the action buttons: the way forward first, the refusals and ends after. */
const actionOrder: HardshipAction[] = ['verify', 'archive', 'review', 'help_case_by_case', 'reject', 'close', 'reopen'];

/**
 * A household's file 家庭档案: the household as surveyed (sensitive fields masked for readers who do not work on it),
 * its photos, the history of its file, the actions the server allows this reader now, and the sections the other
 * parts of the module add (plan, help given, visits).
 */
export function HouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = AntApp.useApp();
  const regions = useRegions();
  const { data: h, error, refetch } = useHousehold(id);
  const [acting, setActing] = useState<HardshipAction | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);

  useEffect(() => setContact(null), [id]);

  /** The full phone and ID number, for calling or visiting the household; the server audits each read. */
  async function revealContact() {
    try {
      setContact(await readContact(id));
    } catch (e) {
      void message.error(describeError(e));
    }
  }

  if (error) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!h) return <Card loading />;
  const masked = <Tag>{t('hardship.masked')}</Tag>;
  const actions = actionOrder.filter((a) => h.actions.includes(a));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {/* Back where the officer came from (a filtered queue, the archives), or to the queue when opened directly. */}
            <Button onClick={() => (location.key === 'default' ? navigate('/hardship/leads') : navigate(-1))}>
              {t('back')}
            </Button>
            <span data-testid="household-head">{h.household.headName}</span>
            <Tag color={statusColour[h.status]} data-testid="household-status">
              {t(`hardshipStatus.${h.status}`)}
            </Tag>
            {h.level && (
              <Tag color={levelColour[h.level]} data-testid="household-level">
                {t(`hardshipLevel.${h.level}`)}
              </Tag>
            )}
            {h.verificationOverdue && <Tag color="red">{t('hardship.verificationOverdue')}</Tag>}
            {h.reviewOverdue && <Tag color="red">{t('hardship.reviewOverdue')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'verify' || a === 'archive' || a === 'review' ? 'primary' : 'default'}
                danger={a === 'reject'}
                onClick={() => setActing(a)}
                data-testid={`action-${a}`}
              >
                {t(`hardshipAction.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions column={2} bordered size="small" data-testid="household-file">
          <Descriptions.Item label={t('hardship.idNumber')}>
            <span data-testid="household-id-number">{contact?.idNumber ?? h.household.idNumberMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.phone')}>
            <Space wrap>
              <span data-testid="household-phone">{contact?.phone ?? h.household.phoneMasked}</span>
              {contact === null && !h.household.sensitiveMasked && (
                <Button
                  size="small"
                  onClick={() => void revealContact()}
                  title={t('hardship.contactAudited')}
                  data-testid="show-contact"
                >
                  {t('hardship.showContact')}
                </Button>
              )}
              <Typography.Text type="secondary">
                {contact === null ? t('hardship.contactMasked') : t('hardship.contactAudited')}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.region')}>
            {regionLabel(regions, h.household.regionCode)} ({h.household.regionCode})
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.org')}>{h.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('hardship.address')} span={2}>
            {h.household.address}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.size')}>
            <span data-testid="household-size">{h.household.size}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.income')}>
            {h.household.monthlyIncomeFen === null ? (
              masked
            ) : (
              <span data-testid="household-income">{yuan(h.household.monthlyIncomeFen)}</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.causes')} span={2}>
            {h.household.causes === null ? (
              masked
            ) : (
              <Space size={4} wrap>
                {h.household.causes.map((c) => (
                  <Tag key={c}>{t(`hardshipCause.${c}`)}</Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.note')} span={2}>
            {h.household.sensitiveMasked ? masked : (h.household.note ?? '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.channel')}>{t(`hardshipChannel.${h.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('hardship.consent')}>
            {h.consentRecorded ? t('hardship.consentYes') : t('hardship.consentNo')}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.filedBy')}>
            {h.filedBy.username} · {h.filedBy.org.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('hardship.filedAt')}>{when(h.filedAt)}</Descriptions.Item>
          {h.verifiedAt && <Descriptions.Item label={t('hardship.verifiedAt')}>{when(h.verifiedAt)}</Descriptions.Item>}
          {h.verificationNote && (
            <Descriptions.Item label={t('hardship.verificationNote')}>{h.verificationNote}</Descriptions.Item>
          )}
          {h.rejectionReason && (
            <Descriptions.Item label={t('hardship.rejectionReason')} span={2}>
              {h.rejectionReason}
            </Descriptions.Item>
          )}
          {h.archivedAt && <Descriptions.Item label={t('hardship.archivedAt')}>{when(h.archivedAt)}</Descriptions.Item>}
          {h.archivedAt && (
            <Descriptions.Item label={t('hardship.lastReviewedAt')}>{day(h.lastReviewedAt)}</Descriptions.Item>
          )}
          {h.reviewDueAt && (
            <Descriptions.Item label={t('hardship.reviewDueAt')}>
              <span data-testid="household-review-due">{day(h.reviewDueAt)}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
        {h.household.sensitiveMasked && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('hardship.maskedNote')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card title={t('hardship.photos')} size="small">
        <HouseholdPhotos householdId={h.id} files={h.photos} />
      </Card>
      {/* The other parts of the module: plan (一户一策), help given, visits (householdSections.tsx). */}
      {householdSections.map((s) => (
        <Card key={s.key} title={t(s.label)} size="small" data-testid={`section-${s.key}`}>
          {s.render(h)}
        </Card>
      ))}
      <Card title={t('hardship.timeline')} size="small">
        <Timeline
          data-testid="household-timeline"
          items={(h.timeline ?? []).map((e) => ({
            children: (
              <span>
                <b>{t(`hardshipAction.${e.action}`, { defaultValue: e.action })}</b> ·{' '}
                {t(`hardshipStatus.${e.toState}`, { defaultValue: e.toState })} · {when(e.at)}{' '}
                {e.note && <Typography.Text type="secondary">— {e.note}</Typography.Text>}
              </span>
            ),
          }))}
        />
      </Card>
      <ActionModal household={h} action={acting} onClose={() => setActing(null)} onSwitch={setActing} />
    </Space>
  );
}
