import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api';

/** The console's one presentation of a failed read: what went wrong, and a retry. Nothing while all is well. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      message={t('common.loadFailed')}
      description={describeError(error)}
      action={
        <Button size="small" onClick={onRetry} data-testid="retry">
          {t('common.retry')}
        </Button>
      }
      data-testid="error-state"
    />
  );
}
