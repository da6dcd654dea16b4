import { Button, Form, Input, Radio, Space, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { fieldErrors, humanError } from '../../errors';
import { NavBar } from '../../NavBar';
import { usePostSuggestion, useSuggestionUnions } from './suggestions.queries';
import './words';

const fields = { title: 'title', body: 'body', orgId: 'orgId' };

/** Posts a suggestion to my union, or to one above it. */
export function NewSuggestionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [key] = useState(() => crypto.randomUUID());
  const post = usePostSuggestion(key);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  // No choice made (or the list did not load): my own union, as the server defaults.
  const unions = useSuggestionUnions().data ?? [];
  const [orgId, setOrgId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit() {
    setErrors({});
    try {
      const created = await post.mutateAsync({ title, body, ...(orgId ? { orgId } : {}) });
      Toast.show({ icon: 'success', content: t('participation.posted') });
      navigate(`/suggestions/${created.id}`, { replace: true });
    } catch (e) {
      const onFields = fieldErrors(e, fields);
      setErrors(onFields);
      if (Object.keys(onFields).length === 0) Toast.show({ content: humanError(e, t) });
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh' }}>
      <NavBar onBack={() => navigate('/suggestions')}>{t('participation.post')}</NavBar>
      <Form
        layout="vertical"
        footer={
          <Button
            block
            color="primary"
            size="large"
            loading={post.isPending}
            onClick={() => void submit()}
            data-testid="post-suggestion"
          >
            {t('participation.submit')}
          </Button>
        }
      >
        {unions.length > 1 && (
          <Form.Item label={t('participation.to')} help={errors.orgId}>
            <Radio.Group value={orgId ?? unions[0]!.id} onChange={(v) => setOrgId(String(v))}>
              <Space direction="vertical">
                {unions.map((o) => (
                  <Radio key={o.id} value={o.id}>
                    {o.name}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item label={t('participation.title')} help={errors.title} data-testid="suggestion-title-item">
          <Input
            value={title}
            onChange={setTitle}
            maxLength={100}
            placeholder={t('participation.titleHint')}
            data-testid="suggestion-title"
          />
        </Form.Item>
        <Form.Item label={t('participation.body')} help={errors.body}>
          <TextArea
            value={body}
            onChange={setBody}
            rows={6}
            maxLength={5000}
            showCount
            placeholder={t('participation.bodyHint')}
            data-testid="suggestion-body"
          />
        </Form.Item>
      </Form>
    </div>
  );
}
