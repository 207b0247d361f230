import { Link, useSearchParams } from 'react-router';
import { ResetPasswordForm } from '@/features/account/components/reset-password-form';
import { AuthLayout } from '@/features/auth/components/auth-layout';

/** /reset-password?token=…: where the emailed link lands. */
export function ResetPasswordRoute() {
  const [params] = useSearchParams();
  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <Link to="/login" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Back to log in
        </Link>
      }
    >
      <ResetPasswordForm token={params.get('token') ?? ''} />
    </AuthLayout>
  );
}
