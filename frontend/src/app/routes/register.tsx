import { Link } from 'react-router';
import { AuthLayout } from '@/features/auth/components/auth-layout';
import { RegisterForm } from '@/features/auth/components/register-form';
import { RedirectIfAuthenticated } from '@/features/auth/components/require-auth';

export function RegisterRoute() {
  return (
    <RedirectIfAuthenticated>
      <AuthLayout
        title="Create your account"
        footer={
          <>
            Already have an account?{' '}
            <Link to="/login" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Log in
            </Link>
          </>
        }
      >
        <RegisterForm />
      </AuthLayout>
    </RedirectIfAuthenticated>
  );
}
