# A bank from a tutorial: accounts with a class-level registry, a
# transaction log of tuples, exceptions with extra fields, interest with
# rounding, statements formatted with f-strings.
import gc

gc.collect()


class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount}")
        self.account = account
        self.amount = amount


class Account:
    _next_number = 1000
    registry = {}

    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self.balance = balance
        self.number = Account._next_number
        Account._next_number += 1
        self.log = []
        Account.registry[self.number] = self

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.log.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.log.append(("withdraw", amount))
        return self

    def __str__(self):
        return f"#{self.number} {self.owner:<6} {self.balance:>10,.2f}"


class Savings(Account):
    rate = 0.025

    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        self.deposit(interest)
        return interest


alice = Account("alice", 100)
bob = Savings("bob", 2500)
alice.deposit(50).withdraw(30)
print(bob.add_interest())
try:
    alice.withdraw(1000)
except InsufficientFunds as e:
    print("error:", e, e.amount, e.account is alice)
try:
    bob.deposit(-5)
except ValueError as e:
    print("error:", e)
for number in sorted(Account.registry):
    print(Account.registry[number])
print(alice.log)
total = sum(a.balance for a in Account.registry.values())
print(f"total {total:,.2f}")
print(sorted(Account.registry.values(), key=lambda a: a.balance)[0].owner)
del alice, bob
print(len(Account.registry))
Account.registry.clear()
print(gc.collect())
