import { Alert, App as AntApp, Button, DatePicker, Form, InputNumber, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { showFormError } from '../../forms';
import { useFinalists, type Poll } from './polls.queries';

interface FinalistsForm {
  topN: number;
  startsAt: Dayjs;
  endsAt: Dayjs;
}

/**
 * 决赛: the top N entries by votes (those tied with the N-th come too) start a new round of their own, counted from
 * zero; once made, a link to it.
 */
export function PollFinalists({ poll, mayRun }: { poll: Poll; mayRun: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FinalistsForm>();
  const finalists = useFinalists(poll.id);

  if (poll.nextPollId)
    return (
      <Button type="primary" onClick={() => navigate(`/activities/polls/${poll.nextPollId}`)} data-testid="open-final">
        {t('polls.openFinal')}
      </Button>
    );
  if (!mayRun) return null;

  async function submit(v: FinalistsForm) {
    try {
      const made = await finalists.mutateAsync({
        topN: v.topN,
        startsAt: v.startsAt.toISOString(),
        endsAt: v.endsAt.toISOString(),
      });
      void message.success(
        made.tiesIncluded > 0 ? t('polls.finalistsCreatedTies', { n: made.tiesIncluded }) : t('polls.finalistsCreated'),
      );
      navigate(`/activities/polls/${made.id}`);
    } catch (e) {
      showFormError(form, e, message);
    }
  }

  const start = dayjs().add(1, 'day').startOf('day');
  return (
    <>
      <Alert type="info" showIcon message={t('polls.finalistsHint')} style={{ marginBottom: 12 }} />
      <Form<FinalistsForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          topN: Math.min(40, Math.max(1, poll.liveEntries)),
          startsAt: start,
          endsAt: start.add(7, 'day'),
        }}
      >
        <Space wrap align="end">
          <Form.Item name="topN" label={t('polls.topN')} rules={[{ required: true }]}>
            <InputNumber<number> min={1} max={1000} precision={0} data-testid="finalists-top-n" />
          </Form.Item>
          <Form.Item name="startsAt" label={t('polls.startsAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            name="endsAt"
            label={t('polls.endsAt')}
            dependencies={['startsAt']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const from = getFieldValue('startsAt') as Dayjs | undefined;
                  return !value || !from || value.isAfter(from)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('polls.endsAfterStart')));
                },
              }),
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={finalists.isPending} data-testid="start-finalists">
              {t('polls.finalists')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </>
  );
}
