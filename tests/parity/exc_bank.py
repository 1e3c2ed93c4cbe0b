# A custom exception hierarchy for a bank account (tutorial style):
# subclasses with extra attributes, catching by base class, args, repr.
import gc
gc.collect()


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, balance, amount):
        super().__init__(f"balance {balance}, asked {amount}")
        self.balance = balance
        self.amount = amount

    def shortfall(self):
        return self.amount - self.balance


class AccountFrozen(BankError):
    pass


class InvalidAmount(BankError, ValueError):
    pass


class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.frozen = False

    def withdraw(self, amount):
        if amount <= 0:
            raise InvalidAmount(amount)
        if self.frozen:
            raise AccountFrozen(self.owner)
        if amount > self.balance:
            raise InsufficientFunds(self.balance, amount)
        self.balance -= amount
        return self.balance


acct = Account("ada", 100)
for amount in [30, 200, -5, 50, 40]:
    try:
        left = acct.withdraw(amount)
    except InsufficientFunds as e:
        print("short by", e.shortfall(), "-", e, "|", e.args)
    except ValueError as e:
        print("invalid:", repr(e), isinstance(e, BankError), e.__class__.__name__)
    except BankError as e:
        print("bank error:", repr(e))
    else:
        print("ok, left", left)
    finally:
        print("balance now", acct.balance)

acct.frozen = True
try:
    acct.withdraw(1)
except (InsufficientFunds, AccountFrozen) as e:
    print("caught", type(e) is AccountFrozen if False else e.__class__.__name__, e.args)

print(InvalidAmount.__mro__[1:3] == (BankError, ValueError))
print(isinstance(InsufficientFunds(1, 2), Exception), isinstance(InsufficientFunds(1, 2), LookupError))
print(repr(InsufficientFunds(5, 9)), str(AccountFrozen()), repr(AccountFrozen()))
errors = []
for amount in [500, 0, 600]:
    try:
        Account("bob", 10).withdraw(amount)
    except BankError as e:
        errors.append(e)
print(len(errors), [e.__class__.__name__ for e in errors])
print([str(e) for e in errors])
del errors
print(gc.collect())
