import random

from faker import Faker

from hospital_crm import demo


def test_latin_name_has_no_punctuation():
    assert demo._latin("فاطمة") == "fTm"
    assert "@" not in demo._latin("زكية")


def test_generated_patients_are_valid():
    rng = random.Random(20)
    fakers = {origin.locale: Faker(origin.locale) for origin in demo.ORIGINS}

    patients = [
        demo._patient(rng, origin, fakers[origin.locale], None)
        for origin in demo.ORIGINS
        for _ in range(150)
    ]

    assert all(patient.email and "@example.com" in patient.email for patient in patients)
