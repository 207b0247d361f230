import { Link } from 'react-router';
import { ForgotPasswordForm } from '@/features/account/components/forgot-password-form';
import { AuthLayout } from '@/features/auth/components/auth-layout';

export function ForgotPasswordRoute() {
  return (
    <AuthLayout
      title="Forgot your password?"
      footer={
        <Link to="/login" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Back to log in
        </Link>
      }
    >
      <ForgotPasswordForm />
    </AuthLayout>
  );
}
