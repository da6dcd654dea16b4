import { Button, Form, Input, List, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorState, PageLoading } from '../../ErrorState';
import { fieldErrors, formErrorSummary, humanError, type FieldLabels } from '../../errors';
import { NavBar } from '../../NavBar';
import { uploadContestFile, useOpenContests, useSubmitEntry, type UploadedFile } from './contestQueries';
import './words';

/** The API's paths of the form's fields → their labels (field.*). */
const formFields: FieldLabels = {
  title: 'entryTitle',
  category: 'entryCategory',
  description: 'entryDescription',
  teamName: 'teamName',
  teamMembers: 'teamMembers',
  fileIds: 'entryFiles',
};

/**
 * 网上申报: a member enters a contest — title, category, what it is and does — alone or for a team (the team's name,
 * the other members), with documents and photos (PDF, PNG, JPEG). Judges read it without the member's name, so the
 * description should not name them either.
 */
export function ContestEntryPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const contests = useOpenContests();
  const contest = contests.data?.items.find((c) => c.id === id);
  const [key] = useState(() => crypto.randomUUID());
  const submit = useSubmitEntry(id, key);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [team, setTeam] = useState(false);
  const [teamName, setTeamName] = useState('');
  const [teamMembers, setTeamMembers] = useState('');
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const back = () => navigate('/contests');

  if (contests.error)
    return (
      <>
        <NavBar onBack={back}>{t('memberContests.enter')}</NavBar>
        <ErrorState error={contests.error} onRetry={() => void contests.refetch()} />
      </>
    );
  if (!contests.data) return <PageLoading />;
  if (!contest)
    return (
      <>
        <NavBar onBack={back}>{t('memberContests.enter')}</NavBar>
        <ErrorState error={new Error(t('memberContests.notOpen'))} onRetry={back} />
      </>
    );

  const fieldError = (path: string) =>
    errors[path] ? (
      <div className="su-field-error" role="alert" data-testid={`error-${path}`}>
        {errors[path]}
      </div>
    ) : null;

  async function addFiles(list: FileList | null) {
    if (!list) return;
    setUploading(true);
    try {
      for (const file of Array.from(list).slice(0, 10 - files.length)) {
        const form = new FormData();
        form.append('file', file);
        const stored = await uploadContestFile(form);
        setFiles((f) => [...f, stored]);
      }
    } catch (e) {
      Toast.show({ content: humanError(e, t) });
    } finally {
      setUploading(false);
    }
  }

  async function send() {
    setErrors({});
    try {
      await submit.mutateAsync({
        title,
        category: category ?? '',
        description,
        ...(team && teamName.trim() ? { teamName: teamName.trim() } : {}),
        ...(team
          ? {
              teamMembers: teamMembers
                .split(/[,，、\s]+/)
                .map((n) => n.trim())
                .filter(Boolean),
            }
          : {}),
        fileIds: files.map((f) => f.id),
      });
      Toast.show({ icon: 'success', content: t('memberContests.submitted') });
      back();
    } catch (e) {
      setErrors(fieldErrors(e, formFields));
      Toast.show({ content: formErrorSummary(e, t, formFields) });
    }
  }

  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', paddingBottom: 24 }}>
      <NavBar onBack={back}>{contest.title}</NavBar>
      <Form layout="vertical">
        <Form.Item label={t('field.entryTitle')}>
          <Input
            aria-label={t('field.entryTitle')}
            value={title}
            onChange={setTitle}
            maxLength={200}
            data-testid="entry-title"
          />
          {fieldError('title')}
        </Form.Item>
        <Form.Item label={t('field.entryCategory')}>
          <Selector
            options={contest.categories.map((c) => ({ label: c.label, value: c.key }))}
            value={category ? [category] : []}
            onChange={(v) => setCategory(v[0] ?? null)}
            data-testid="entry-category"
          />
          {fieldError('category')}
        </Form.Item>
        <Form.Item label={t('field.entryDescription')} help={t('memberContests.blindHint')}>
          <TextArea
            aria-label={t('field.entryDescription')}
            // antd-mobile puts aria-label on its wrapper, not on the textarea: name the textarea itself.
            ref={(r) => r?.nativeElement?.setAttribute('aria-label', t('field.entryDescription'))}
            value={description}
            onChange={setDescription}
            rows={5}
            maxLength={10_000}
            showCount
            data-testid="entry-description"
          />
          {fieldError('description')}
        </Form.Item>
        <Form.Item label={t('memberContests.asTeam')}>
          <Switch checked={team} onChange={setTeam} aria-label={t('memberContests.asTeam')} data-testid="as-team" />
        </Form.Item>
        {team && (
          <>
            <Form.Item label={t('field.teamName')}>
              <Input
                aria-label={t('field.teamName')}
                value={teamName}
                onChange={setTeamName}
                maxLength={100}
                data-testid="team-name"
              />
              {fieldError('teamName')}
            </Form.Item>
            <Form.Item label={t('field.teamMembers')} help={t('memberContests.teamHint')}>
              <Input
                aria-label={t('field.teamMembers')}
                value={teamMembers}
                onChange={setTeamMembers}
                data-testid="team-members"
              />
              {fieldError('teamMembers')}
            </Form.Item>
          </>
        )}
      </Form>
      <List header={t('field.entryFiles')}>
        {files.map((f) => (
          <List.Item
            key={f.id}
            extra={
              <Button size="mini" onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}>
                {t('memberContests.removeFile')}
              </Button>
            }
          >
            {f.fileName}
          </List.Item>
        ))}
        <List.Item description={t('memberContests.filesHint')}>
          <input
            type="file"
            multiple
            accept="application/pdf,image/png,image/jpeg"
            aria-label={t('field.entryFiles')}
            disabled={uploading || files.length >= 10}
            onChange={(e) => void addFiles(e.target.files).then(() => (e.target.value = ''))}
            data-testid="entry-files"
          />
          {fieldError('fileIds')}
        </List.Item>
      </List>
      <div style={{ margin: 12 }}>
        <Button
          block
          color="primary"
          loading={submit.isPending || uploading}
          disabled={!title.trim() || !category || !description.trim()}
          onClick={() => void send()}
          data-testid="submit-entry"
        >
          {t('memberContests.submit')}
        </Button>
      </div>
    </div>
  );
}
