import { Button, Card, Form, Input, List, Result, SearchBar, Steps, Tag, Toast } from 'antd-mobile';
import { NavBar } from '../../NavBar';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, formErrorSummary, humanError, type FieldLabels } from '../../errors';
import { useSession } from '../../session';
import { useApply, useMyApplications, useUnionSearch, useWithdrawApplication, type Union } from './queries';

/** Fields of the application form, by the path the API names them with. */
const formFields: FieldLabels = {
  name: 'name',
  idNumber: 'idNumber',
  employer: 'employer',
  occupation: 'occupation',
  orgId: 'orgId',
};

export function JoinPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, refresh } = useSession();
  const [params] = useSearchParams();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Union | null>(null);
  const [form] = Form.useForm();
  // One key per filled-in form: a retried tap cannot file twice.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  const applications = useMyApplications();
  const mine = applications.data;
  const search = useUnionSearch(q);
  const unions = search.error ? [] : (search.data ?? []);
  // "No union matches" would be untrue when the search itself failed.
  const searchError = search.error ? humanError(search.error, t) : null;
  const apply = useApply(idempotencyKey);
  const withdrawal = useWithdrawApplication();

  async function submit(values: { name: string; idNumber?: string; employer?: string; occupation?: string }) {
    if (!picked) return Toast.show({ content: t('join.pickUnion') });
    try {
      await apply.mutateAsync({ ...stripEmpty(values), orgId: picked.id, name: values.name });
      Toast.show({ icon: 'success', content: t('join.submitted') });
    } catch (e) {
      // The server's field errors go on the fields they concern, under the field's own label.
      const errors = fieldErrors(e, formFields);
      form.setFields(
        Object.entries(errors)
          .filter(([path]) => path !== 'orgId')
          .map(([name, message]) => ({ name, errors: [message] })),
      );
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    }
  }

  async function withdraw(id: string) {
    try {
      await withdrawal.mutateAsync(id);
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    }
  }

  const pending = mine?.find((a) => a.status === 'submitted');
  const approved = mine?.find((a) => a.status === 'approved');

  useEffect(() => {
    if (approved && !me?.isMember) void refresh();
  }, [approved, me, refresh]);

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/')}>{t('join.title')}</NavBar>
      {params.get('reason') === 'members-only' && !me?.isMember && (
        <div className="su-notice" role="alert" data-testid="members-only">
          {t('join.membersOnly')}
        </div>
      )}
      {applications.error ? (
        <ErrorState error={applications.error} onRetry={() => void applications.refetch()} />
      ) : !mine ? (
        <PageLoading />
      ) : me?.isMember ? (
        <Result status="success" title={t('memberOf', { org: me.org?.name ?? '' })} />
      ) : pending ? (
        <Card style={{ margin: 12 }} title={t('join.mine')}>
          <Steps current={0} direction="vertical">
            <Steps.Step
              title={pending.org.name}
              description={<Tag color="warning">{t('join.status.submitted')}</Tag>}
            />
          </Steps>
          {pending.actions.includes('withdraw') && (
            <Button size="small" onClick={() => void withdraw(pending.id)}>
              {t('join.withdraw')}
            </Button>
          )}
        </Card>
      ) : (
        <>
          <Card style={{ margin: 12 }} title={t('join.union')}>
            {picked ? (
              <div data-testid="picked-union">
                <Tag color="primary">{picked.name}</Tag>{' '}
                <button
                  type="button"
                  className="su-link su-tap"
                  onClick={() => setPicked(null)}
                  aria-label={t('join.searchUnion')}
                >
                  ✕
                </button>
              </div>
            ) : (
              <>
                <SearchBar placeholder={t('join.searchUnion')} value={q} onChange={setQ} data-testid="union-search" />
                <List>
                  {unions.length === 0 && <List.Item>{searchError ?? t('join.noUnion')}</List.Item>}
                  {unions.map((u) => (
                    <List.Item key={u.id} description={u.parentName} onClick={() => setPicked(u)} arrowIcon>
                      {u.name}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Card>
          <Form
            form={form}
            layout="horizontal"
            onFinish={(v) => void submit(v)}
            footer={
              <Button block type="submit" color="primary" loading={apply.isPending} data-testid="submit-application">
                {t('join.submit')}
              </Button>
            }
          >
            <Form.Item name="name" label={t('join.name')} rules={[{ required: true, max: 50 }]}>
              <Input data-testid="join-name" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('join.idNumber')} rules={[{ pattern: /^\d{17}[\dXx]$/ }]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="employer" label={t('join.employer')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="occupation" label={t('join.occupation')}>
              <Input maxLength={50} />
            </Form.Item>
          </Form>
        </>
      )}
      {mine && mine.length > 0 && (
        <List header={t('join.mine')} style={{ margin: 12 }}>
          {mine.map((a) => (
            <List.Item
              key={a.id}
              extra={t(`join.status.${a.status}`)}
              description={new Date(a.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
            >
              {a.org.name}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

function stripEmpty<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
