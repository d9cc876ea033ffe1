"""Romance constructions carried word for word into English, mended (issue 11, third pass)."""

from __future__ import annotations

from babelwire.translate.calques import english_calques, ordinal
from babelwire.translate.postedit import postedit


def test_roman_centuries_become_english_ordinals():
    assert english_calques("", "The tower of Valmorin dates of the XIV century.") \
        == "The tower of Valmorin dates of the 14th century."
    assert english_calques("", "Between the XI and the XIII centuries, the port grew.") \
        == "Between the 11th and the 13th centuries, the port grew."
    assert english_calques("", "the centuries XV to the XVII") == "the 15th to the 17th centuries"
    assert english_calques("", "Louis XVI signed it. Part IV of the century XXI") \
        == "Louis XVI signed it. Part IV of the 21st century"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]


def test_near_of_afterwards_of_and_most_of():
    assert english_calques("", "Near of 40 people waited near of the bridge.") \
        == "Nearly 40 people waited near the bridge."
    assert english_calques("", "He arrived afterwards of the storm.") == "He arrived after the storm."
    source = "La mayor parte de los barcos volvió."
    assert english_calques(source, "The main part of the boats returned.") == "Most of the boats returned."
    assert english_calques("La parte principal del barco.", "The main part of the boat.") \
        == "The main part of the boat."  # only where the source says "mayor parte"


def test_calques_are_mended_only_into_english_from_spanish_and_french():
    assert postedit("Tolvi llegó cerca de 30 minutos después.", "Tolvi arrived near of 30 minutes later.",
                    "en", "es") == "Tolvi arrived nearly 30 minutes later."
    assert postedit("Near of", "Near of", "en", "de") == "Near of"


def test_his_agrees_with_the_nearest_owner_before_it():
    assert english_calques("", "She presented his results and his plan.") \
        == "She presented her results and her plan."
    assert english_calques("", "They left his houses. He took his car.") == "They left their houses. He took his car."
    assert english_calques("", "His team won.") == "His team won."  # no owner named: as the engine wrote it
    assert english_calques("", "Mrs. Tolvi said that his son and he had left his house.") \
        == "Mrs. Tolvi said that her son and he had left his house."


def test_a_relative_after_a_comma_opens_with_which_or_who():
    assert english_calques("", "The bridge, that was built in 1920, fell, what surprised the residents, that left.") \
        == "The bridge, which was built in 1920, fell, which surprised the residents, who left."
    assert english_calques("", "One thing, that is, the only one.") == "One thing, that is, the only one."


def test_existir_with_its_subject_after_it_becomes_there_is():
    source = "Existen dos grupos."
    assert english_calques(source, "Finally, they exist two groups of birds.") == "Finally, there are two groups of birds."
    assert english_calques(source, "It exists an old bridge.") == "There is an old bridge."
    assert english_calques(source, "Among them, existed also a period of calm.") \
        == "Among them, there was also a period of calm."
    assert english_calques(source, "It is possible that exist alloys of tin.") == "It is possible that there are alloys of tin."
    assert english_calques(source, "The sharks exist, but rarely. They still exist here.") \
        == "The sharks exist, but rarely. They still exist here."  # no noun phrase after the verb
    assert english_calques("Hay dos grupos.", "They exist two groups.") == "They exist two groups."  # not existir


def test_most_and_many_where_the_source_says_so():
    assert english_calques("La plupart des élèves sont venus.", "The majority of the pupils came.") \
        == "Most of the pupils came."
    assert english_calques("Muchos barcos y mucho pan.", "A lot of boats and a lot of bread.") \
        == "Many boats and a lot of bread."  # only before a plural
    assert english_calques("Mucho ruido.", "A lot of noises.") == "A lot of noises."


def test_his_is_their_where_the_french_source_only_says_leur():
    assert english_calques("Les élèves ont rangé leurs livres.", "The pupils put away his books.") \
        == "The pupils put away their books."
    assert english_calques("Ils ont vu sa maison et leurs amis.", "They saw his house and his friends.") \
        == "They saw their house and their friends."  # the nearest owner cue: they
    assert english_calques("Elle a vu son père et leurs amis.", "It saw his father and his friends.") \
        == "It saw his father and his friends."  # son and leurs: not told apart


def test_como_before_examples_and_tanto_como():
    assert english_calques("Aves, como garzas y patos.", "Birds, like herons and ducks.") \
        == "Birds, such as herons and ducks."
    assert english_calques("Aves como garzas.", "Birds like herons.") == "Birds like herons."
    assert english_calques("Tanto en Vell como en Orsa.", "So much in Vell as in Orsa.") == "So much in Vell as in Orsa."
    assert english_calques("Vino tanto en Vell como en Orsa.", "He came so much in Vell as in Orsa.") \
        == "He came both in Vell and in Orsa."


def test_deber_is_must_and_should():
    assert english_calques("Los barcos deben volver.", "The boats have to go back.") == "The boats must go back."
    assert english_calques("Tolvi debería volver.", "Tolvi would have to go back.") == "Tolvi should go back."
    assert english_calques("Tienen que volver.", "They have to go back.") == "They have to go back."
